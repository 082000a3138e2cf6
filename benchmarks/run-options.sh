# Options shared by the long, resumable benchmark scripts (sourced, not run):
#   --data-root DIR   where lung-cxr/ and skin-lesion/ are (default ../shared/data)
#   --only PATTERN    only the runs or cells whose name contains PATTERN
#   --<flag>          the script's own switch, named in $extra_flag (sets extra=true)
# Sets data_root, only and extra; -h prints the calling script's header comment (lines 2 to $help_lines).
data_root="../shared/data"
only=""
extra=false
parse_run_options() {
  local script; script="$(basename "$0")"
  while [ $# -gt 0 ]; do
    case "$1" in
      --data-root) data_root="$2"; shift ;;
      --only) only="$2"; shift ;;
      "--$extra_flag") extra=true ;;
      -h|--help) sed -n "2,${help_lines}p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *) echo "$script: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
  done
}
