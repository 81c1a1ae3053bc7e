"""Slack's redeliveries of a slash command (X-Slack-Retry-Num): answered once, nothing created twice."""

from urllib.parse import urlencode, urlsplit

from storage.db import Database
from storage.models import Contact, Task
from tests import test_slack
from tests.fake_slack import TEAM

slack = test_slack.slack  # the Bolt app over HTTP against the fake Slack API
Harness = test_slack.Harness


def command_body(text: str, response_url: str, trigger: str) -> str:
    return urlencode({"token": "x", "team_id": TEAM, "team_domain": "acme-sales", "channel_id": "C1", "user_id": "UA",
                      "user_name": "ua", "command": "/crm", "text": text, "api_app_id": "A1",
                      "response_url": response_url, "trigger_id": trigger})


def test_a_retried_slash_command_creates_nothing_twice_and_is_answered_once(slack: Harness, db: Database) -> None:
    url = slack.fake.response_url()
    body = command_body("add Carla Diaz, Globex", url, "trigger.same")
    first = slack.send.post(body, "application/x-www-form-urlencoded")
    retries = [slack.send.post(body, "application/x-www-form-urlencoded",
                               headers={"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"})
               for n in (1, 2)]
    assert [answer.status for answer in (first, *retries)] == [200, 200, 200]
    slack.settle()
    assert [c.name for c in test_slack.rows(db, Contact)] == ["Carla Diaz"]
    answers = [call for call in slack.fake.calls_to("response") if call.path == urlsplit(url).path]
    assert len(answers) == 1 and "Carla Diaz" in answers[0].args["text"]


def test_concurrent_commands_of_one_team_all_land(slack: Harness, db: Database) -> None:
    """Writers queue on the database (one process's on its own lock): each of them is answered and kept."""
    urls = [slack.fake.response_url() for _ in range(8)]
    for number, url in enumerate(urls):
        answer = slack.send.post(command_body(f"task call Person{number} tomorrow 9am", url, f"trigger.t{number}"),
                                 "application/x-www-form-urlencoded")
        assert answer.status == 200
    slack.settle()
    assert all(slack.fake.response_for(url).args["text"] for url in urls)
    assert len(test_slack.rows(db, Task)) == 8
