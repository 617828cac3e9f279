/**
 * The rule for test suites that need a peer program (Python's Optuna 3.1 or 5.0), the same
 * rule as `service-url.ts` for servers: when the peer is missing, the suite is skipped with
 * a one-line reason on a developer's machine, and FAILS under CI (`CI=true`), where a
 * missing peer is a broken machine, not a reason to test less. A peer that CI cannot be
 * sure to have (Optuna 5.0 needs wheels from /opt/pypi) is marked `optionalInCi`: it is
 * skipped with its reason under CI too, and the report says so. A suite that needs more than
 * Optuna (the redis module for a Redis journal) names those modules, and the peer counts as
 * missing without them, by the same rule.
 *
 * ```ts
 * const peer = optuna31({ redis: "apt-get install -y python3-redis" });
 * describe.skipIf(peer.python === null)("interop with Optuna 3.1", () => { ... peer.python! ... });
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
  /**
   * Python modules the suite needs besides optuna, each with how to install it for this
   * interpreter (shown in the reason), e.g. `{ redis: "apt-get install -y python3-redis" }`.
   * @defaultValue {}
   */
  readonly modules?: PeerModules;
}

/** Python module name → how to install it, for {@link PythonPeerSpec.modules}. */
export type PeerModules = Readonly<Record<string, string>>;

/**
 * Finds a Python interpreter whose `import optuna` gives an accepted version and that imports
 * the modules named in `spec.modules`.
 * @throws Error under CI (`CI=true`) when it is missing, unless `optionalInCi`.
 */
export function pythonPeer(spec: PythonPeerSpec): PythonPeer {
  const probe = spawnSync(spec.python, ["-c", "import optuna; print(optuna.__version__)"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  const version = probe.status === 0 ? probe.stdout.trim() : "";
  let reason: string;
  if (version !== "" && spec.version.test(version)) {
    const missing = Object.keys(spec.modules ?? {}).filter((m) => {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(m)) {
        throw new RangeError(`pythonPeer: modules must name Python modules, got ${JSON.stringify(m)}`);
      }
      return spawnSync(spec.python, ["-c", `import ${m}`], { timeout: 60_000 }).status !== 0;
    });
    if (missing.length === 0) return { name: spec.name, python: spec.python, version, skipReason: "" };
    const install = missing.map((m) => spec.modules?.[m]).join(" && ");
    reason = `${spec.name} is missing ${missing.join(", ")} (${spec.python} cannot import ${missing.join(", ")}): ${install}`;
  } else {
    const found =
      version === "" ? `${spec.python} cannot import optuna` : `${spec.python} has Optuna ${version}`;
    reason = `${spec.name} is missing (${found}): ${spec.install}`;
  }
  if (process.env.CI === "true" && spec.optionalInCi !== true) {
    throw new Error(`CI=true but ${reason} (.ci/run installs it; a missing peer fails the run)`);
  }
  it.skip(`skipped: ${reason}`, () => {});
  return { name: spec.name, python: null, version, skipReason: reason };
}

/**
 * Debian's python3-optuna (3.1), which CI installs (`.ci/run`); `$TUNELAB_TEST_OPTUNA31_PYTHON`
 * names another interpreter.
 * @param modules - further modules the suite imports, with how to install each.
 */
export function optuna31(modules: PeerModules = {}): PythonPeer {
  return pythonPeer({
    name: "Optuna 3.1",
    python: process.env.TUNELAB_TEST_OPTUNA31_PYTHON ?? "/usr/bin/python3",
    version: /^3\.1\./,
    install: "apt-get install -y python3-optuna",
    modules,
  });
}

/**
 * Optuna 5.0 in a virtual environment: `$TUNELAB_TEST_OPTUNA5_PYTHON`, else
 * /tmp/optuna5/bin/python. `.ci/run` builds one from the wheels in /opt/pypi/files when that
 * folder exists and sets the variable; so under CI the peer is required when the variable is
 * set and optional (skipped with its reason) when it is not.
 * @param modules - further modules the suite imports, with how to install each.
 */
export function optuna5(modules: PeerModules = {}): PythonPeer {
  const fromCi = process.env.TUNELAB_TEST_OPTUNA5_PYTHON ?? "";
  return pythonPeer({
    name: "Optuna 5.0",
    python: fromCi === "" ? "/tmp/optuna5/bin/python" : fromCi,
    version: /^5\./,
    install:
      "/usr/bin/python3 -m venv --system-site-packages /tmp/optuna5 && /tmp/optuna5/bin/pip install --no-index --find-links /opt/pypi/files optuna==5.0.0",
    optionalInCi: fromCi === "",
    modules,
  });
}
