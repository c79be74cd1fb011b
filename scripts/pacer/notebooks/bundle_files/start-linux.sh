#!/bin/sh
# Opens the notebook in JupyterLab. The first time, it makes the space for the packages and
# installs them, as README.txt says (On Linux).
set -e
cd "$(dirname "$0")"
if [ ! -x .venv/bin/jupyter ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -r requirements.txt
fi
exec .venv/bin/jupyter lab "{notebook}" "$@"
