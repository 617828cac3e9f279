/**
 * The rule for test suites that need a peer program (Python's Optuna 3.1 or 5.0), the same
 * rule as `service-url.ts` for servers: when the peer is missing, the suite is skipped with
 * a one-line reason on a developer's machine, and FAILS under CI (`CI=true`), where a
 * missing peer is a broken machine, not a reason to test less. A peer that CI cannot be
 * sure to have (Optuna 5.0 needs wheels from /opt/pypi) is marked `optionalInCi`: it is
 * skipped with its reason under CI too, and the report says so.
 *
 * ```ts
 * const optuna31 = pythonPeer({ name: "Optuna 3.1", python: "/usr/bin/python3", version: /^3\.1\./, install: "apt-get install -y python3-optuna" });
 * describe.skipIf(optuna31.python === null)("interop with Optuna 3.1", () => { ... optuna31.python! ... });
 * ```
 */
import { spawnSync } from "node:child_process";
import { it } from "vitest";

/** A Python interpreter with Optuna, or null with the reason the suite is skipped. */
export interface PythonPeer {
  readonly name: string;
  readonly python: string | null;
  /** Optuna's version as the interpreter reports it. */
  readonly version: string;
  readonly skipReason: string;
}

/** What {@link pythonPeer} looks for. */
export interface PythonPeerSpec {
  /** Shown in the reason, e.g. "Optuna 3.1". */
  readonly name: string;
  /** The interpreter, e.g. "/usr/bin/python3". */
  readonly python: string;
  /** The Optuna versions accepted. */
  readonly version: RegExp;
  /** How to install the peer, shown in the reason. */
  readonly install: string;
  /** Skip with the reason under CI too (CI may lack what the install needs). @defaultValue false */
  readonly optionalInCi?: boolean;
}

/**
 * Finds a Python interpreter whose `import optuna` gives an accepted version.
 * @throws Error under CI (`CI=true`) when it is missing, unless `optionalInCi`.
 */
export function pythonPeer(spec: PythonPeerSpec): PythonPeer {
  const probe = spawnSync(spec.python, ["-c", "import optuna; print(optuna.__version__)"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  const version = probe.status === 0 ? probe.stdout.trim() : "";
  if (version !== "" && spec.version.test(version)) {
    return { name: spec.name, python: spec.python, version, skipReason: "" };
  }
  const found =
    version === "" ? `${spec.python} cannot import optuna` : `${spec.python} has Optuna ${version}`;
  const reason = `${spec.name} is missing (${found}): ${spec.install}`;
  if (process.env.CI === "true" && spec.optionalInCi !== true) {
    throw new Error(`CI=true but ${reason} (.ci/run installs it; a missing peer fails the run)`);
  }
  it.skip(`skipped: ${reason}`, () => {});
  return { name: spec.name, python: null, version, skipReason: reason };
}

/** Debian's python3-optuna (3.1), which CI installs. */
export function optuna31(): PythonPeer {
  return pythonPeer({
    name: "Optuna 3.1",
    python: process.env.TUNELAB_TEST_OPTUNA31_PYTHON ?? "/usr/bin/python3",
    version: /^3\.1\./,
    install: "apt-get install -y python3-optuna",
  });
}

/** Optuna 5.0 in a virtual environment (optional under CI: it is installed from /opt/pypi when that exists). */
export function optuna5(): PythonPeer {
  return pythonPeer({
    name: "Optuna 5.0",
    python: process.env.TUNELAB_TEST_OPTUNA5_PYTHON ?? "/tmp/optuna5/bin/python",
    version: /^5\./,
    install:
      "python3 -m venv /tmp/optuna5 && /tmp/optuna5/bin/pip install --no-index --find-links /opt/pypi/files optuna==5.0.0 pandas",
    optionalInCi: true,
  });
}
