
# Added by report: `report find <TAB>` completes the ids of the sources folder.
function __report_source_ids
    set -l dir sources
    set -l words (commandline -opc)
    for i in (seq (count $words))
        if test "$words[$i]" = --sources; and test $i -lt (count $words)
            set dir $words[(math $i + 1)]
        end
    end
    for file in $dir/*.txt
        basename $file .txt
    end
end
complete -c report -n "__fish_report_using_subcommand find" -f -a "(__report_source_ids)"
