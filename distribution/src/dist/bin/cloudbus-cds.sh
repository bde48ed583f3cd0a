# cloudbus-cds.sh: class data sharing (AppCDS) for the cloudbus launchers (bin/cloudbus of the
# distribution and ./cloudbus of a checkout source it; it is not a command). See docs/deploy.md.
#
# cloudbus_cds JAVA CLASSPATH COMMAND FILE...
#   Sets cds_flag to one JVM option, or to nothing:
#   - -XX:SharedArchiveFile=ARCHIVE when the archive of these FILEs (the jars) and this JVM exists;
#   - else, when COMMAND is run or demo, -XX:ArchiveClassesAtExit=ARCHIVE.PID.tmp: that first run
#     writes the archive when it exits (SIGTERM included); the next launch checks it with
#     -Xshare:on and keeps it (or deletes it when the JVM refuses it);
#   - nothing when CLOUDBUS_CDS=off or no directory is writable.
#   ARCHIVE is cloudbus-<install>-<key>.jsa in CLOUDBUS_CDS_DIR, else next to the jars when that
#   directory is writable, else in CACHE_DIRECTORY (systemd's CacheDirectory=), else in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/cloudbus. The key is a checksum
#   of the jars' and the JVM's paths, sizes and times: a new build or JVM gets a new archive (the
#   old ones of this installation are deleted), and a stale archive the JVM still refuses only
#   means a start without it (-Xshare:auto, its messages off: cds_log).
# Written for sh -eu: every test is an if (a false test at the end of a loop or a function would
# stop the caller).
cds_log="-Xlog:cds=off,cds+dynamic=off"

cloudbus_cds() {
  cds_flag=""
  cds_java="$1"
  cds_cp="$2"
  cds_command="$3"
  shift 3
  if [ "${CLOUDBUS_CDS:-on}" = off ]; then
    return 0
  fi
  cds_java_path="$(command -v "$cds_java" 2>/dev/null)" || return 0
  cds_java_path="$(readlink -f "$cds_java_path" 2>/dev/null || echo "$cds_java_path")"
  cds_java_home="$(dirname "$(dirname "$cds_java_path")")"
  cds_jar_dir="$(dirname "$1")"
  if [ -n "${CLOUDBUS_CDS_DIR:-}" ]; then
    cds_dir="$CLOUDBUS_CDS_DIR"
  elif [ -w "$cds_jar_dir" ]; then
    cds_dir="$cds_jar_dir"
  elif [ -n "${CACHE_DIRECTORY:-}" ]; then
    cds_dir="$CACHE_DIRECTORY"
  else
    cds_dir="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/cloudbus"
  fi
  if ! mkdir -p "$cds_dir" 2>/dev/null || [ ! -w "$cds_dir" ]; then
    return 0
  fi
  cds_install="$(echo "$cds_jar_dir" | cksum | cut -d' ' -f1)" || return 0
  cds_key="$( (stat -L -c '%n %s %Y' "$cds_java_path" "$cds_java_home/lib/modules" "$@" ||
    ls -lLn "$cds_java_path" "$cds_java_home/lib/modules" "$@") 2>/dev/null | cksum |
    cut -d' ' -f1)" || return 0
  cds_jsa="$cds_dir/cloudbus-$cds_install-$cds_key.jsa"
  if [ ! -s "$cds_jsa" ]; then
    for cds_tmp in "$cds_jsa".*.tmp; do
      if [ ! -f "$cds_tmp" ]; then
        continue
      fi
      cds_pid="${cds_tmp%.tmp}"
      cds_pid="${cds_pid##*.}"
      if kill -0 "$cds_pid" 2>/dev/null; then
        continue # that first run is still going (or writing the archive)
      fi
      # A truncated archive (a run killed while writing it) crashes the JVM: check it once.
      if [ ! -s "$cds_jsa" ] && "$cds_java" -Xshare:on "-XX:SharedArchiveFile=$cds_tmp" \
        -XX:ErrorFile=/dev/null -XX:-CreateCoredumpOnCrash -cp "$cds_cp" -version \
        >/dev/null 2>&1; then
        mv -f "$cds_tmp" "$cds_jsa" 2>/dev/null || rm -f "$cds_tmp"
      else
        rm -f "$cds_tmp"
      fi
    done
  fi
  if [ -s "$cds_jsa" ]; then
    cds_flag="-XX:SharedArchiveFile=$cds_jsa"
    return 0
  fi
  case "$cds_command" in
    run | demo) ;;
    *) return 0 ;;
  esac
  for cds_old in "$cds_dir/cloudbus-$cds_install"-*.jsa; do
    if [ -f "$cds_old" ]; then
      rm -f "$cds_old" # the archive of an earlier build or JVM
    fi
  done
  cds_flag="-XX:ArchiveClassesAtExit=$cds_jsa.$$.tmp"
}
