"""Splits a JFR CPU profile of the app into the layers of its stack.

Reads `jfr print --events jdk.ExecutionSample --stack-depth 256 FILE` on standard input and the
app's measured CPU milliseconds per request as the one argument; prints one line per layer:
"<layer> <share of the samples, %> <CPU ms per request>", the milliseconds being the layer's share
of the measured figure (so the JIT compiler's and the garbage collector's CPU, which no sample
shows, are spread over the layers in proportion).

A sample belongs to the first layer found walking its stack from the innermost frame outwards:
H2 or PostgreSQL driver code called by the session store counts as the session, Jackson called by
the Webex client as the client, anything under the DispatcherServlet that no layer claims as MVC.
Samples of threads that serve no request (the pool's eviction, H2's writer, JFR) are "other".
Used by bench/run.sh; see bench/README.md.
"""
import sys

LAYERS = ["tomcat", "security", "session", "mvc", "page", "vault", "client", "rendering", "other"]

# (prefix of a frame, layer), tried in order on each frame
RULES = [
    ("com.example.webex.client.RequestBudgetFilter", "tomcat"),
    ("com.example.webexoauth.rooms.Floor.fetch", "client"),
    ("org.thymeleaf.", "rendering"),
    ("org.attoparser.", "rendering"),
    ("org.unbescape.", "rendering"),
    ("org.springframework.web.servlet.view.", "rendering"),
    ("org.springframework.session.", "session"),
    ("com.example.webexoauth.system.WriteSparingSessionRepository", "session"),
    ("com.example.webex.login.JsonSessionAttributes", "session"),
    ("org.springframework.security.", "security"),
    ("com.example.webex.vault.", "vault"),
    ("com.example.webex.client.", "client"),
    ("org.springframework.web.client.", "client"),
    ("org.springframework.http.client.", "client"),
    ("org.apache.hc.", "client"),
    ("com.example.webexoauth.", "page"),
    ("org.springframework.web.servlet.DispatcherServlet", "mvc"),
    ("org.springframework.web.servlet.FrameworkServlet", "mvc"),
]

REQUEST_THREAD_MARKERS = ("org.apache.coyote.", "org.apache.tomcat.util.net.")


def layer_of(frames):
    if not any(frame.startswith(REQUEST_THREAD_MARKERS) for frame in frames):
        return "other"
    for frame in frames:
        for prefix, layer in RULES:
            if frame.startswith(prefix):
                return layer
    return "tomcat"


def samples(lines):
    frames = None
    for line in lines:
        line = line.strip()
        if line == "stackTrace = [":
            frames = []
        elif frames is not None:
            if line == "]":
                yield frames
                frames = None
            elif line != "...":
                frames.append(line)


def main():
    cpu_ms = float(sys.argv[1])
    counts = dict.fromkeys(LAYERS, 0)
    for frames in samples(sys.stdin):
        counts[layer_of(frames)] += 1
    total = sum(counts.values())
    if total == 0:
        sys.exit("no execution samples in the recording")
    for layer in LAYERS:
        share = counts[layer] / total
        print(f"{layer} {share * 100:.1f} {share * cpu_ms:.3f}")


if __name__ == "__main__":
    main()
