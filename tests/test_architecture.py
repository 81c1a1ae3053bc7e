"""The import rules between the rooms, checked on the source with ast.

bot → handlers → storage, one way. Inside handlers each room may import only the rooms listed for it;
the channels reach the core only through the engine (and the neutral Reply, texts and pure language).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EDGES = ("telegram", "slack_bolt", "slack_sdk", "bot")
FORBIDDEN = {
    "handlers": EDGES,
    "storage": (*EDGES, "handlers"),
}
CORE = ("handlers.errors", "handlers.language", "handlers.texts")
ALLOWED = {  # room -> the modules and rooms (besides itself) it may import from handlers/ and storage/
    "handlers.language": ("handlers.errors", "handlers.texts.reply"),
    "handlers.texts": ("handlers.errors", "handlers.language"),
    "handlers.errors": (),
    "handlers.name_search": (*CORE, "storage"),  # names searched through their words on disk
    "handlers.context": (*CORE, "handlers.name_search", "storage"),
    "handlers.crm": (*CORE, "handlers.context", "storage"),
    "handlers.exchange": (*CORE, "handlers.context", "handlers.crm", "storage"),
    "handlers.notify": (*CORE, "handlers.context", "handlers.crm", "storage"),
    "handlers.web": (*CORE, "handlers.context", "handlers.crm", "storage"),  # the web companion's sign-in, API, views
    "handlers.outreach": (*CORE, "handlers.context", "handlers.crm", "handlers.exchange", "storage"),  # segments
    "handlers.registry": (*CORE, "handlers.context", "handlers.crm", "handlers.exchange", "handlers.notify",
                          "handlers.outreach", "handlers.web", "storage"),
    "handlers.indexes": (*CORE, "handlers.context", "handlers.name_search", "storage"),  # the name vocabularies
    "handlers.incoming": (*CORE, "handlers.context", "handlers.crm", "storage"),  # the engine's message helpers
    "handlers.engine": ("handlers", "storage"),
    "bot.telegram": (*CORE, "handlers.engine", "handlers.registry"),
    "bot.slack": (*CORE, "handlers.engine", "handlers.registry"),
    "bot.console": (*CORE, "handlers.engine"),
    "bot.web": (*CORE, "handlers.engine", "handlers.registry", "handlers.context", "handlers.web"),
    "bot.webhooks": (*CORE, "storage.db", "storage.webhooks"),  # sends the outbox the transactions wrote
    "bot.scheduler": (*CORE, "handlers.notify", "storage.db", "bot.webhooks"),  # the scheduler asks notify what is due
    "bot": (*CORE, "handlers.engine", "storage.db"),  # cli, scheduler, demo: they build the engine on a database
}
PURE = ("handlers.language", "handlers.texts")  # no database library at all
DATABASE_LIBRARIES = ("sqlmodel", "sqlalchemy", "psycopg", "alembic")


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, dotted in full (`from a.b import c` gives `a.b` and `a.b.c`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def inside(module: str, room: str) -> bool:
    return module == room or module.startswith(room + ".")


def room_of(module: str) -> str:
    """The most specific room in ALLOWED that holds the module."""
    return max((room for room in ALLOWED if inside(module, room)), key=len)


def sources(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (ROOT / package).rglob("*.py"))


def data_migration_fold(path: Path, module: str) -> bool:
    """A data migration may fill a stored key with the pure language fold the app writes it with (0021's places)."""
    return "migrations" in path.parts and (module == "handlers.language" or module.startswith("handlers.language."))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_core_does_not_import_the_edges(package: str) -> None:
    files = sources(package)
    assert files
    offenders = {str(f.relative_to(ROOT)): sorted({name.split(".")[0] for name in imported_modules(f)
                                                  if not data_migration_fold(f, name)} & set(FORBIDDEN[package]))
                 for f in files}
    assert {f: names for f, names in offenders.items() if names} == {}


def test_every_module_of_handlers_and_bot_has_a_room() -> None:
    homeless = [module_name(f) for f in sources("handlers") if module_name(f) != "handlers"
                and not any(inside(module_name(f), room) for room in ALLOWED if room.startswith("handlers."))]
    assert homeless == []


def test_each_room_imports_only_what_its_rule_allows() -> None:
    offenders: dict[str, list[str]] = {}
    for path in sources("handlers", "bot"):
        module = module_name(path)
        if module in ("handlers", "bot"):
            continue
        room = room_of(module)
        allowed = (room, *ALLOWED[room])
        ours = {name for name in imported_modules(path) if name.split(".")[0] in ("handlers", "storage")}
        bad = sorted(name for name in ours if not any(inside(name, rule) or inside(rule, name) for rule in allowed))
        if bad:
            offenders[module] = bad
    assert offenders == {}


@pytest.mark.parametrize("room", PURE)
def test_language_and_texts_touch_no_database(room: str) -> None:
    files = sources(room.replace(".", "/"))
    assert files
    offenders = {module_name(f): sorted(n for n in imported_modules(f) if n.split(".")[0] in DATABASE_LIBRARIES)
                 for f in files}
    assert {m: names for m, names in offenders.items() if names} == {}


def test_no_import_cycle_between_rooms() -> None:
    rooms = {room for room in ALLOWED if room.startswith("handlers.")}
    graph: dict[str, set[str]] = {room: set() for room in rooms}
    for path in sources("handlers"):
        module = module_name(path)
        if module == "handlers":
            continue
        source = room_of(module)
        for name in imported_modules(path):
            if inside(name, "handlers") and name != "handlers":
                target = room_of(name) if any(inside(name, r) for r in rooms) else None
                if target and target != source:
                    graph[source].add(target)
    cycles = [(a, b) for a in graph for b in graph[a] if a in graph.get(b, set())]
    assert cycles == []
