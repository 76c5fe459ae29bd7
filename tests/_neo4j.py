"""A real Neo4j 5.26 Community server for the tests (and the benchmarks), built from Maven
Central and started on a free loopback port: ``tools/neo4j-server`` (docs/neo4j.md).

``build()`` runs Maven once (its repository, ``~/.m2`` by default, keeps the jars between
runs; a download that fails is retried), ``start()`` runs the server and waits for its
ready line, ``Neo4jProcess.stop()`` ends it with SIGTERM, on which it shuts the database
down cleanly and deletes its temporary folder.

Missing tools are a failure, never a skip: a test run that says it tested Neo4j has.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent / "tools" / "neo4j-server"
CLASSPATH_FILE = MODULE / "target" / "classpath.txt"
MAIN_CLASS = "govgraph.neo4jserver.Neo4jServer"
#: Neo4j's own JVM flags for Java 17 (the ``server.jvm.additional`` defaults its
#: ``neo4j.conf`` carries): the page cache reaches into direct buffers (``java.nio``,
#: without it Neo4j falls back to a slower mode and says so in debug.log), file channels
#: (``sun.nio.ch``) and file descriptors (``java.io``).
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "-Xmx1g",
    "-XX:+UseG1GC",
]
#: Java versions Neo4j 5.26 supports.
JAVA_VERSIONS = (17, 21)
INSTALL_HINT = (
    "the Neo4j tests start a real Neo4j server and need Java 17 (or 21) and Maven 3.8+ with access to "
    "Maven Central: on Debian or Ubuntu, apt-get install openjdk-17-jdk-headless maven; or set NEO4J_URI, "
    "NEO4J_USER and NEO4J_PASSWORD to test against a Neo4j 5 server of your own (docs/neo4j.md)"
)
BUILD_ATTEMPTS = 3
#: What Maven says when a download failed (worth another go), unlike a compile error.
_DOWNLOAD_FAILED = re.compile(
    r"Could not (transfer|resolve|download)|Connection (reset|refused|timed out)|status code: 429|Read timed out"
)
STARTUP_LIMIT = 180.0  # seconds; a bound on waiting on a busy machine, not an expectation of speed
_READY = re.compile(
    r"^READY (?P<uri>bolt://\S+) user=(?P<user>\S+) password=(?P<password>\S+) database=(?P<database>\S+)"
    r" home=(?P<home>.+)$"
)


#: Ids of the built-in dataset the Neo4j tests always compare, each with a story: ex officio
#: chains, the national director at the top of the line of sight, a Senate area and a CCG
#: that CRG seats speak for, a board of both eras.
STORY_IDS = [
    "crg:CFS",
    "region:london",
    "senate:london",
    "icb:QE1",
    "ccg:00L",
    "board:cpag",
    "post:crg:CFS/chair",
    "post:region:south/medical-director",
    "post:area-team:wessex/medical-director",
    "post:org:nhs-england/national-clinical-director-specialised-services",
]


class Neo4jUnavailable(Exception):
    """Java, Maven or the server is missing or would not start; the message says what to do."""


@dataclass(frozen=True)
class Connection:
    """Where a Neo4j server is and how to log in."""

    uri: str
    user: str
    password: str
    database: str | None = None


@dataclass
class Neo4jProcess:
    """A running server of ``tools/neo4j-server``."""

    process: subprocess.Popen[str]
    connection: Connection
    home: Path
    log: Path

    def stop(self) -> None:
        """SIGTERM (a clean shutdown), then SIGKILL if it is still running a minute later."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def external() -> Connection | None:
    """The server ``NEO4J_URI`` names, when it is set (with NEO4J_USER, NEO4J_PASSWORD and,
    optionally, NEO4J_DATABASE)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    missing = [name for name in ("NEO4J_USER", "NEO4J_PASSWORD") if not os.environ.get(name)]
    if missing:
        raise Neo4jUnavailable(f"NEO4J_URI is set but {' and '.join(missing)} is not")
    return Connection(uri, os.environ["NEO4J_USER"], os.environ["NEO4J_PASSWORD"], os.environ.get("NEO4J_DATABASE"))


def java() -> str:
    """A ``java`` of a version Neo4j 5.26 runs on: ``JAVA_HOME``'s when set, else the one on
    the PATH, else one under /usr/lib/jvm (where Debian puts every JDK installed)."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidates = [str(Path(home) / "bin" / "java")]
    else:
        candidates = [path for path in [shutil.which("java")] if path]
        candidates += sorted(str(path) for path in Path("/usr/lib/jvm").glob("*/bin/java"))
    seen = []
    for command in candidates:
        if not Path(command).exists():
            continue
        shown = subprocess.run([command, "-version"], capture_output=True, text=True, check=False).stderr
        found = re.search(r'version "(\d+)', shown)
        if found and int(found.group(1)) in JAVA_VERSIONS:
            return command
        seen.append(f"{command} ({shown.splitlines()[0] if shown else 'no version'})")
    if not seen:
        raise Neo4jUnavailable(f"no java found: {INSTALL_HINT}")
    raise Neo4jUnavailable(
        f"no Java 17 or 21, which Neo4j 5.26 runs on, among {', '.join(seen)}: point JAVA_HOME at one ({INSTALL_HINT})"
    )


def build() -> str:
    """Build ``tools/neo4j-server`` unless it is built already; return its class path.

    pytest-xdist's workers may each start a server at once: a file lock lets the first one
    build while the others wait and then find it built."""
    (MODULE / "target").mkdir(exist_ok=True)
    with (MODULE / "target" / ".build-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _is_built():
            _build_module()
    return f"{MODULE / 'target' / 'classes'}{os.pathsep}{CLASSPATH_FILE.read_text().strip()}"


def _build_module() -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailable(f"no mvn found: {INSTALL_HINT}")
    environment = os.environ | {"JAVA_HOME": os.environ.get("JAVA_HOME") or str(Path(java()).resolve().parents[1])}
    command = [
        mvn,
        "--batch-mode",
        "--quiet",
        # Maven Central refuses bursts at times: each download is retried, then the build.
        "-Dmaven.wagon.http.retryHandler.count=5",
        "-Dmaven.wagon.http.retryHandler.requestSentEnabled=true",
        "-Daether.connector.http.retryHandler.count=5",
        "package",
    ]
    for attempt in range(1, BUILD_ATTEMPTS + 1):
        done = subprocess.run(command, cwd=MODULE, env=environment, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            break
        output = (done.stdout + done.stderr)[-4000:]
        if attempt == BUILD_ATTEMPTS or not _DOWNLOAD_FAILED.search(output):
            raise Neo4jUnavailable(f"building {MODULE} failed ({INSTALL_HINT}):\n{output}")
        time.sleep(10 * attempt)


def _is_built() -> bool:
    """Whether the class path file is newer than the sources and every jar it names is there."""
    if not CLASSPATH_FILE.exists():
        return False
    sources = [MODULE / "pom.xml", *(MODULE / "src").rglob("*.java")]
    built = CLASSPATH_FILE.stat().st_mtime
    if any(source.stat().st_mtime > built for source in sources):
        return False
    classes = MODULE / "target" / "classes" / (MAIN_CLASS.replace(".", "/") + ".class")
    jars = CLASSPATH_FILE.read_text().strip().split(os.pathsep)
    return classes.exists() and all(Path(jar).exists() for jar in jars)


def start(log: Path, *, home: Path | None = None, database: str | None = None) -> Neo4jProcess:
    """Build if needed and start a server, in a temporary folder (deleted when it stops)
    or in ``home`` (kept), with ``database`` as its default database; return it once it
    accepts connections. Its stderr goes to ``log``."""
    command = [java(), *JVM_FLAGS, "-cp", build(), MAIN_CLASS]
    if home is not None:
        command += ["--home", str(home)]
    if database is not None:
        command += ["--database", database]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True)
    line = _first_line(process, STARTUP_LIMIT)
    ready = _READY.match(line.strip())
    if ready is None:
        process.kill()
        process.wait()
        output = log.read_text()[-4000:]
        raise Neo4jUnavailable(f"the Neo4j server did not start (printed {line!r}); its stderr:\n{output}")
    connection = Connection(ready["uri"], ready["user"], ready["password"], ready["database"])
    return Neo4jProcess(process, connection, Path(ready["home"]), log)


def _first_line(process: subprocess.Popen[str], limit: float) -> str:
    """The first line ``process`` prints, or '' if it exits or ``limit`` seconds pass first."""
    lines: list[str] = []
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(limit)
    return lines[0] if lines else ""
