"""`python -m bot` is the same as `crmbot`."""

import sys

from bot.cli import main

sys.exit(main())
