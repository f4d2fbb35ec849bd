"""``python -m bot.cli``: the same as the ``newsbot`` command."""

import sys

from bot.cli.commands import main

sys.exit(main())
