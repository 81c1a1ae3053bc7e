"""E-mails as Gmail, Outlook, Apple Mail and Thunderbird write forwards, in English and German, and plain BCCs."""

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

REP = "ben@ourteam.example"
MAILBOX = "crm@team.example"
ANNA = "Anna Schulz <anna.schulz@acme.de>"
CARLA = "Carla Diaz <carla@acme.de>"
ANNAS_TEXT = """Hi Ben,

could you send the pricing for 50 seats by Friday?

Best regards
Anna Schulz
Head of Sales
Acme GmbH
Tel. +49 170 1234567
www.acme.de"""
ANNAS_TEXT_DE = """Hallo Ben,

kannst du mir bis Freitag die Preise für 50 Plätze schicken?

Viele Grüße
Anna Schulz
Vertriebsleiterin
Acme GmbH
Tel. +49 170 1234567"""

FORWARDS = {
    "gmail-en": f"""FYI, see below.

---------- Forwarded message ---------
From: {ANNA}
Date: Mon, Nov 23, 2026 at 10:14 AM
Subject: Pricing for 50 seats
To: Ben Weber <{REP}>
Cc: {CARLA}

{ANNAS_TEXT}
""",
    "gmail-de": f"""Zur Info.

---------- Weitergeleitete Nachricht ---------
Von: {ANNA}
Date: Mo., 23. Nov. 2026 um 10:14 Uhr
Subject: Preise für 50 Plätze
To: Ben Weber <{REP}>
Cc: {CARLA}

{ANNAS_TEXT_DE}
""",
    "outlook-en": f"""Please file this.

________________________________
From: {ANNA}
Sent: Monday, November 23, 2026 10:14 AM
To: Ben Weber <{REP}>
Cc: {CARLA}
Subject: Pricing for 50 seats

{ANNAS_TEXT}
""",
    "outlook-classic-en": f"""Please file this.

-----Original Message-----
From: Anna Schulz [mailto:anna.schulz@acme.de]
Sent: Monday, November 23, 2026 10:14 AM
To: Ben Weber; 'Carla Diaz' [mailto:carla@acme.de]
Subject: Pricing for 50 seats

{ANNAS_TEXT}
""",
    "outlook-de": f"""Bitte ablegen.

-----Ursprüngliche Nachricht-----
Von: {ANNA}
Gesendet: Montag, 23. November 2026 10:14
An: Ben Weber <{REP}>
Cc: {CARLA}
Betreff: Preise für 50 Plätze

{ANNAS_TEXT_DE}
""",
    "apple-en": f"""

Begin forwarded message:

From: {ANNA}
Subject: Pricing for 50 seats
Date: 23 November 2026 at 10:14:00 CET
To: Ben Weber <{REP}>
Cc: {CARLA}

{ANNAS_TEXT}
""",
    "apple-de": f"""

Anfang der weitergeleiteten Nachricht:

Von: {ANNA}
Betreff: Preise für 50 Plätze
Datum: 23. November 2026 um 10:14:00 MEZ
An: Ben Weber <{REP}>
Kopie: {CARLA}

{ANNAS_TEXT_DE}
""",
    "thunderbird-en": f"""


-------- Forwarded Message --------
Subject: \tPricing for 50 seats
Date: \tMon, 23 Nov 2026 10:14:00 +0100
From: \t{ANNA}
To: \tBen Weber <{REP}>
CC: \t{CARLA}



{ANNAS_TEXT}
""",
    "thunderbird-de": f"""


-------- Weitergeleitete Nachricht --------
Betreff: \tPreise für 50 Plätze
Datum: \tMon, 23 Nov 2026 10:14:00 +0100
Von: \t{ANNA}
An: \tBen Weber <{REP}>
Kopie (CC): \t{CARLA}



{ANNAS_TEXT_DE}
""",
}


def mail(*, sender: str = f"Ben Weber <{REP}>", to: str = MAILBOX, cc: str = "", subject: str = "Fwd: Pricing",
         body: str = "", message_id: str = "<fwd-1@ourteam.example>",
         files: tuple[tuple[str, str, bytes], ...] = ()) -> bytes:
    """One message as a mail program sends it (text/plain UTF-8, attachments as MIME parts)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 11, 23, 10, 20, tzinfo=timezone.utc))
    message["Message-ID"] = message_id
    message.set_content(body)
    for filename, mime, content in files:
        main, sub = mime.split("/")
        message.add_attachment(content, maintype=main, subtype=sub, filename=filename)
    return message.as_bytes()


def forward(kind: str, **options: object) -> bytes:
    return mail(body=FORWARDS[kind], message_id=f"<{kind}@ourteam.example>", **options)  # type: ignore[arg-type]


def forward_as_attachment() -> bytes:
    """Thunderbird's "Forward as Attachment": the original as a message/rfc822 part."""
    original = EmailMessage()
    original["From"] = ANNA
    original["To"] = f"Ben Weber <{REP}>"
    original["Cc"] = CARLA
    original["Subject"] = "Pricing for 50 seats"
    original.set_content(ANNAS_TEXT)
    outer = EmailMessage()
    outer["From"] = f"Ben Weber <{REP}>"
    outer["To"] = MAILBOX
    outer["Subject"] = "Fwd: Pricing for 50 seats"
    outer["Message-ID"] = "<as-attachment@ourteam.example>"
    outer.set_content("See the attached mail.")
    outer.add_attachment(original)
    return outer.as_bytes()
