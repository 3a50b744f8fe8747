"""``python -m moneta`` runs the CLI."""

import sys

from moneta.cli import main

sys.exit(main())
