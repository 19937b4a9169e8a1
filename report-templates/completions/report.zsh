
# Added by report: `report find <TAB>` completes the ids of the sources folder (`--sources
# DIR`, else `sources`), each file name taken as it is, never expanded.
_report_source_id_list() {
    local dir=sources i file
    for ((i = 1; i < CURRENT; i++)); do
        [[ ${words[i]} == --sources ]] && dir=${words[i+1]}
        [[ ${words[i]} == --sources=* ]] && dir=${words[i]#--sources=}
    done
    for file in ${dir}/*.txt(N); do
        print -r -- ${${file:t}%.txt}
    done
}
_report_source_ids() {
    local ids=(${(f)"$(_report_source_id_list)"})
    compadd -a ids
}

