#!/usr/bin/env bash
# A base image for duban's container image built from this machine's JDK, for a machine that reaches no container
# registry (Jib must otherwise pull eclipse-temurin:17-jre). Writes target/duban-base.tar in `docker save` format,
# which Jib takes as base image with tar://:
#
#   deploy/base-image.sh && ./mvnw -Pimage package -Dduban.image.base=tar://$PWD/target/duban-base.tar
#
# Contents (one layer): a Java runtime made by jlink from JAVA_HOME (default: the JDK that runs `java`), the shared
# libraries it needs from this machine (found with ldd), the CA certificates, /tmp, and /etc/passwd with root and the
# user duban (10001) that the image runs as. Nothing else: no shell, no package manager. Needs a JDK with jlink.
# Where a registry is reachable, prefer eclipse-temurin:17-jre (patched by its publisher).
set -euo pipefail
cd "$(dirname "$0")/.."

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
out=${1:-target/duban-base.tar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/proc" "$work/image"
chmod 1777 "$root/tmp"

# the Java runtime: every module of the JDK (incubator modules aside) without its development files, with no symbolic links out of itself
modules=$("$java_home/bin/java" --list-modules | sed 's/@.*//' | grep -v incubator | paste -sd,)
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$root/opt/java"
# Debian's JDK keeps its CA certificates outside the JDK: take the file itself
cp -L "$java_home/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"

# the shared libraries the runtime loads (libc, libz, the dynamic loader …), at their paths on this machine
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' | grep -v "^$work/" | sort -u | while read -r lib; do
      if [ -e "$lib" ]; then cp -L --parents "$lib" "$root"; fi
    done
# a directory library path the dynamic loader knows (/lib is a link to /usr/lib on a merged-/usr system)
for dir in lib lib64; do
  if [ -L "/$dir" ] && [ -d "$root/$dir" ] && [ ! -e "$root/usr/$dir" ]; then
    mkdir -p "$root/usr" && mv "$root/$dir" "$root/usr/$dir" && ln -s "usr/$dir" "$root/$dir"
  fi
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nduban:x:10001:10001:duban:/var/lib/duban:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nduban:x:10001:\n' > "$root/etc/group"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='1970-01-01' -C "$root" -cf "$work/image/layer.tar" .
diff_id=sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created_by":"deploy/base-image.sh: jlink of $("$java_home/bin/java" -version 2>&1 | head -1 | tr -d '"')"}]}
JSON
cat > "$work/image/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["duban-base:17"],"Layers":["layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "基础镜像：$out（$(du -h "$out" | cut -f1)）"
