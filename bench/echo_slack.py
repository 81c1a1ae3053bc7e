"""The anchor for the Slack benchmark: a bare Bolt app that echoes `/crm <text>`, as in Bolt's lazy-listener example.

It is set up the way crmbot's Slack channel is (bot/slack/channel.py): process_before_response with
`ack=`/`lazy=`, the lazy work on a thread pool of the same size, served by the same threaded HTTP
server with the same signature check (bot/slack/http.py), and the answer sent the way crmbot sends
it: an ephemeral message POSTed to the command's response_url, with Bolt's own `respond` (slack_sdk's
WebhookClient, a new connection per answer; crmbot keeps its connections open, bot/slack/responses.py).
"""

from concurrent.futures import Executor

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack.http import SlackHttpServer


def echo_app(api_url: str, token: str, secret: str, *, executor: Executor) -> App:
    """The echo app against a (fake) Web API at `api_url`; it checks the token with auth.test once, here."""
    app = App(client=WebClient(token=token, base_url=api_url.rstrip("/") + "/"), signing_secret=secret,
              name="echo", process_before_response=True, listener_executor=executor)

    def acknowledge(ack: Ack) -> None:
        ack()

    def echo(body: dict[str, str], respond: Respond) -> None:
        response = respond(text=body.get("text", ""), response_type="ephemeral", replace_original=False)
        if response.status_code != 200:
            raise RuntimeError(f"response_url answered {response.status_code}")

    app.command("/crm")(ack=acknowledge, lazy=[echo])
    return app


def echo_server(api_url: str, token: str, secret: str, *, executor: Executor) -> SlackHttpServer:
    """The echo app behind crmbot's HTTP server on 127.0.0.1 (a free port); `start()` it."""
    return SlackHttpServer(echo_app(api_url, token, secret, executor=executor), signing_secret=secret,
                           host="127.0.0.1", port=0)
