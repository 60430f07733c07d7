"""``python -m quotes``: the same as the ``quotes`` command."""

import sys

from .cli import main

sys.exit(main())
