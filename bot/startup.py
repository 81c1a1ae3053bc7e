"""Importing crmbot makes a few hundred thousand objects that live as long as the process; the garbage
collector would walk them some 250 times while they load (about a fifth of the import, issue 17).

`bot.cli` imports this module first and calls `resume` once its own imports are done: collection is back
on, and what was loaded is moved out of its sight (`gc.freeze`), so later collections skip it too.
"""

import gc

_WAS_ON = gc.isenabled()
gc.disable()


def resume() -> None:
    """Collect again (unless collection was off before), skipping everything loaded so far."""
    gc.freeze()
    if _WAS_ON:
        gc.enable()
