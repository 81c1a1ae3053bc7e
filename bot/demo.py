"""Realistic sample data, entered through the engine exactly as a user would type it."""

from handlers.engine import Crm
from handlers.texts.reply import Incoming

DEMO_SCRIPT = (
    "/add Anna Schulz, Acme GmbH, anna.schulz@acme-gmbh.de, +49 170 1234567",
    "/add Jonas Weber, Acme GmbH, jonas.weber@acme-gmbh.de",
    "/add Maria Müller, Bäckerei Müller KG, +49 89 12345678",
    "/add Tom Becker, Nordlicht Logistik AG, tom.becker@nordlicht-logistik.de, +49 40 3344556",
    "/add Sarah Connor, Cyberdyne Systems, sarah@cyberdyne.example, +1 212 555 0199",
    "/add Lukas Fischer, Fischer & Söhne, lukas@fischer-soehne.de",
    "/add Emma Wagner, Stadtwerke Nordheim, emma.wagner@sw-nordheim.de, +49 7131 987654",
    "/add Ben Hoffmann, Hoffmann IT Services, ben@hoffmann-it.de",
    "/note anna: called, wants pricing for 40 seats",
    "/meeting anna: demo on site, IT lead joined, concerned about SSO",
    "/call maria: new bakery branch opens in March, needs POS for 3 stores",
    "/email tom: sent the logistics case study",
    "/note sarah: budget approved for Q1",
    "/task call Anna tomorrow 9am",
    "/task send proposal to Tom friday 14:00",
    "/aufgabe Maria Müller anrufen übermorgen um 10",
    "/task follow up with Sarah Connor next monday 11am",
    "/task renew Emma contract in 2 weeks",
    "/deal Acme rollout 12k EUR proposal #1",
    "/deal Bäckerei POS 8.5k EUR qualified #3",
    "/deal Nordlicht fleet tracking 45k EUR negotiation #4",
    "/deal Cyberdyne security audit 120k USD lead #5",
    "/deal Stadtwerke portal 30k EUR proposal #7",
    "/deal Hoffmann reseller 5k EUR won #8",
    "met Lena Braun from Solaris Energie, wants a demo next tuesday 10am",
)


def load_demo(crm: Crm, *, workspace_key: str, user_id: str) -> int:
    """Run the demo script in a workspace; returns how many commands succeeded in changing something."""
    changed = 0
    for line in DEMO_SCRIPT:
        reply = crm.handle(Incoming(text=line, workspace_key=workspace_key, user_id=user_id, user_name=user_id,
                                    workspace_name="Console"))
        changed += reply.changed
    return changed
