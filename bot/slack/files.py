"""A reply's file in Slack: charts as images with their caption, exports as files, both by files upload v2.

Slack's Web API uploads in three steps (files.getUploadURLExternal, a POST of the bytes to the URL it
gives, files.completeUploadExternal), which `WebClient.files_upload_v2` runs. A file goes to the
member's direct messages with the app, never into a shared channel: an ephemeral answer can't carry
one, and an export or a team chart is for the member who asked.
"""

from slack_sdk import WebClient

from handlers.texts.reply import ReplyFile

DIRECT = "D"  # Slack's ids of direct-message channels start with D


def direct_channel(client: WebClient, user: str, channel: str | None = None) -> str:
    """The member's DM channel with the app: `channel` when it is one already, else conversations.open."""
    if channel is not None and channel.startswith(DIRECT):
        return channel
    return str(client.conversations_open(users=user)["channel"]["id"])


def upload(client: WebClient, channel: str, file: ReplyFile) -> None:
    """Post the file in the channel: an image shows with its caption as comment, title and alt text."""
    caption = file.caption or None
    client.files_upload_v2(channel=channel, content=file.content, filename=file.filename,
                           title=caption or file.filename, initial_comment=caption,
                           alt_txt=caption if file.image else None)


def send_file(client: WebClient, user: str, file: ReplyFile | None, channel: str | None = None) -> None:
    """Send a reply's file, if it has one, to the member's direct messages."""
    if file is not None:
        upload(client, direct_channel(client, user, channel), file)
