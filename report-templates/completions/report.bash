
# Added by report: `report find <TAB>` completes the ids of the sources folder (`--sources
# DIR`, else `sources`), and the outline of `check`, `render` and `sources` completes YAML
# files and folders. Anything else is clap's completion above.
_report_with_ids() {
    local cur=${COMP_WORDS[COMP_CWORD]} sub=${COMP_WORDS[1]} dir=sources i word positional=0
    if [[ $cur == -* ]]; then
        _report "$@"
        return
    fi
    for ((i = 2; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --sources)
            # Bash splits `--sources=DIR` at `=`: DIR is then two words on.
            if [[ ${COMP_WORDS[i + 1]} == = ]]; then
                dir=${COMP_WORDS[i + 2]}
                ((i += 2))
            else
                dir=${COMP_WORDS[i + 1]}
                ((i++))
            fi
            ;;
        --sources=*) dir=${word#--sources=} ;;
        -f | --format | -o | --output | --root | --typst | --typst-timeout | --deny | -j | --jobs | --paper | --excerpt | --source-date-epoch) ((i++)) ;;
        -*) ;;
        *) ((positional++)) ;;
        esac
    done
    case $sub in
    find)
        if ((positional == 0)); then
            # Each id is compared as text and offered as one word: a file name is never
            # expanded or run (no `compgen -W`, which would expand `$(...)` in a name).
            local file id
            COMPREPLY=()
            for file in "$dir"/*.txt; do
                [[ -e $file ]] || continue
                id=${file##*/}
                id=${id%.txt}
                [[ $id == "$cur"* ]] && COMPREPLY+=("$id")
            done
            return
        fi
        ;;
    check | render | sources)
        local previous=${COMP_WORDS[COMP_CWORD - 1]}
        case $previous in
        -f | --format | -o | --output | --root | --typst | --typst-timeout | --deny | -j | --jobs | --paper | --excerpt | --source-date-epoch | --sources) ;;
        *)
            COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur")
                $(compgen -d -S / -- "$cur"))
            compopt -o nospace 2>/dev/null
            return
            ;;
        esac
        ;;
    esac
    _report "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _report_with_ids -o nosort -o bashdefault -o default report
else
    complete -F _report_with_ids -o bashdefault -o default report
fi
