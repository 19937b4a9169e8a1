
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
        --sources) dir=${COMP_WORDS[i + 1]}; ((i++)) ;;
        --sources=*) dir=${word#--sources=} ;;
        -f | --format | -o | --output | --root | --typst | --typst-timeout | --deny | -j | --jobs | --paper | --excerpt | --source-date-epoch) ((i++)) ;;
        -*) ;;
        *) ((positional++)) ;;
        esac
    done
    case $sub in
    find)
        if ((positional == 0)); then
            local ids=() file
            for file in "$dir"/*.txt; do
                [[ -e $file ]] && ids+=("$(basename "$file" .txt)")
            done
            COMPREPLY=($(compgen -W "${ids[*]}" -- "$cur"))
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
