
# Added by report: `report find <TAB>` completes the ids of the sources folder.
_report_source_ids() {
    local dir=sources i
    for ((i = 1; i < CURRENT; i++)); do
        [[ ${words[i]} == --sources ]] && dir=${words[i+1]}
    done
    local ids=(${dir}/*.txt(N:t:r))
    compadd -a ids
}
