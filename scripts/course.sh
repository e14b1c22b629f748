#!/usr/bin/env bash
# npm run course: set up, then serve the lessons with the classic Jupyter Notebook on 127.0.0.1.
# PORT picks the port (default: the first free one from 8888). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for course
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
python="$(cat .jupyter/python)"   # the Python with Jupyter that setup chose

port="${PORT:-$("$python" -c '
import socket
for port in range(8888, 8988):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
')}"
[[ -n $port ]] || { echo "course: no free port in 8888-8987; set PORT" >&2; exit 1; }
token="$("$python" -c 'import secrets; print(secrets.token_hex(24))')"
# The classic Notebook (< 7) takes NotebookApp options; Notebook 7 runs on jupyter_server (ServerApp).
if "$python" -c 'import notebook, sys; sys.exit(int(notebook.__version__.split(".")[0]) >= 7)'; then app=NotebookApp; else app=ServerApp; fi
args=(--no-browser --ip=127.0.0.1 --port="$port" --$app.port_retries=0
      --$app.token="$token" --notebook-dir="$PWD/notebooks")
[[ $(id -u) == 0 ]] && args+=(--allow-root)

"$python" -m notebook "${args[@]}" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"; exit 0' INT TERM

# Wait until the server answers, then print where to go (after Jupyter's own start-up log).
"$python" - "$port" "$token" <<'WAIT' || { kill -TERM "$server" 2>/dev/null; exit 1; }
import sys, time, urllib.request
port, token = sys.argv[1:]
for _ in range(120):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}", timeout=2)
        sys.exit(0)
    except OSError:
        time.sleep(0.25)
sys.exit("course: the notebook server did not start")
WAIT
cat <<BANNER

  ==> The course is running. Open this address in your browser:

      http://127.0.0.1:$port/tree?token=$token

      Each lesson is a notebook on the TypeScript (tslab) kernel. Ctrl-C stops the server.

BANNER
wait "$server"
