#!/usr/bin/env bash
# Checks the image ./mvnw -Pimage package wrote (docs/operations.md, 容器镜像), without a container runtime:
#
#   deploy/check-image.sh [target/duban-image.tar]
#
# From the image's configuration: the user is not root; the entry point is java with duban's JVM options and main
# class; port 8080; and in the layers: Jib's class path file and duban's classes. As root with chroot, the layers are
# also unpacked and the image's own java run as user 10001 (with /proc mounted) to show that the runtime starts.
set -euo pipefail
image=${1:-target/duban-image.tar}
work=$(mktemp -d)
cleanup() {
  if mountpoint -q "$work/root/proc" 2>/dev/null; then umount "$work/root/proc"; fi
  rm -rf "$work"
}
trap cleanup EXIT
tar --warning=no-unknown-keyword -C "$work" -xf "$image"

python3 - "$work" <<'PY'
import json, os, sys, tarfile
work = sys.argv[1]
manifest = json.load(open(os.path.join(work, "manifest.json")))[0]
config = json.load(open(os.path.join(work, manifest["Config"])))["config"]
problems = []
def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        problems.append(what)
user = config.get("User") or ""
check(user not in ("", "0", "root") and not user.startswith(("0:", "root:")), "runs as a user other than root: %r" % user)
entry = (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
check(entry[:1] == ["java"], "entry point is java: %s" % " ".join(entry))
for flag in ["-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
             "-Dsun.jnu.encoding=UTF-8", "cn.duban.DubanApplication", "@/app/jib-classpath-file"]:
    check(flag in entry, "entry point has %s" % flag)
check("8080/tcp" in (config.get("ExposedPorts") or {}), "port 8080 exposed")
env = dict(e.split("=", 1) for e in config.get("Env") or [])
check(env.get("LANG") == "C.UTF-8", "LANG=C.UTF-8")
names = set()
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(work, layer)) as t:
        names.update(n.lstrip("./") for n in t.getnames())
check("app/jib-classpath-file" in names, "Jib's class path file in the layers")
check("app/classes/cn/duban/DubanApplication.class" in names, "duban's classes in the layers")
check(any(n.startswith("app/libs/camunda-engine-") for n in names), "the engine's jar in the layers")
check(any(n.endswith("bin/java") for n in names), "a java in the layers (the base image)")
sys.exit(1 if problems else 0)
PY

if [ "$(id -u)" -eq 0 ] && command -v chroot > /dev/null; then
  mkdir -p "$work/root"
  for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/manifest.json"); do
    tar --warning=no-unknown-keyword -C "$work/root" -xf "$work/$layer"
  done
  mkdir -p "$work/root/proc" && mount --bind /proc "$work/root/proc"
  java=$(cd "$work/root" && for j in opt/java/bin/java opt/java/openjdk/bin/java usr/bin/java; do [ -e "$j" ] && echo "/$j" && break; done)
  chroot --userspec=10001:10001 "$work/root" "$java" -Xshare:off -version 2>&1 | sed 's/^/      /'
  echo "ok    the image's java runs as user 10001"
fi
echo "镜像检查通过：$image"
