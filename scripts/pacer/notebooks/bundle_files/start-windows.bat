@echo off
rem Opens the notebook in JupyterLab. The first time, it makes the space for the packages and
rem installs them, as README.txt says (On Windows).
cd /d "%~dp0"
if not exist .venv\Scripts\jupyter.exe (
  py -m venv .venv || goto failed
  .venv\Scripts\python -m pip install -r requirements.txt || goto failed
)
.venv\Scripts\jupyter lab "{notebook_windows}"
goto :eof
:failed
echo Something went wrong: README.txt says what to do, under "If something goes wrong".
pause
