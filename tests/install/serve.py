"""A release host on loopback for tests/e2e/install.rs: serves a directory over HTTPS on
127.0.0.1 only, on a free port, with a self-signed certificate made for the run, the way GitHub
serves a release: `.../releases/latest/download/NAME` answers 302 to
`.../releases/download/TAG/NAME`, as github.com does for the latest release.

    python3 serve.py ROOT CERT_DIR TAG

Writes CERT_DIR/cert.pem (curl trusts it through CURL_CA_BUNDLE) and CERT_DIR/key.pem with
openssl, prints `PORT <n>` once it listens, then one line per request (`GET <path> <status>`),
and exits when its stdin closes (the test dropped it or ended), so no run leaves it behind.
"""

import http.server
import os
import ssl
import subprocess
import sys
import threading

LATEST = "/releases/latest/download/"
PRINT = threading.Lock()


def say(line):
    with PRINT:
        print(line, flush=True)


def certificate(cert_dir):
    """A P-256 certificate for IP 127.0.0.1, valid for a day."""
    cert, key = os.path.join(cert_dir, "cert.pem"), os.path.join(cert_dir, "key.pem")
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        capture_output=True, text=True,
    )
    if made.returncode != 0:
        say(f"ERROR openssl could not make the certificate: {made.stderr}")
        sys.exit(1)
    return cert, key


def handler(root, tag):
    class Release(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if LATEST in path:
                self.send_response(302)
                self.send_header("Location", path.replace(LATEST, f"/releases/download/{tag}/", 1))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super().do_GET()

        def log_request(self, code="-", size="-"):
            say(f"{self.command} {self.path} {getattr(code, 'value', code)}")

        def log_message(self, format, *args):
            pass  # errors are answered with their status, which log_request prints

    return Release


def main():
    root, cert_dir, tag = sys.argv[1:4]
    cert, key = certificate(cert_dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(root, tag))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # The handshake happens in each request's thread, so a stalled client holds no other.
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"PORT {server.server_address[1]}")
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    main()
