# bash completion for tunnelcast: the candidates come from `tunnelcast __complete`, which reads
# the command's option table (its options and their values), the lint rule catalogue and (for
# --fail and --device) the snapshot named on the line; where it offers nothing (a file or
# snapshot operand) bash completes file names.
# Installed as share/bash-completion/completions/tunnelcast; or source it from ~/.bashrc.
_tunnelcast()
{
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n =: cur words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local IFS=$'\n'
    COMPREPLY=($("${words[0]}" __complete "$cword" "${words[@]:0:cword}" "$cur" 2>/dev/null))
    # bash replaces only what follows the last '=' of --format=js or TC104=w
    if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
        local pre=${cur%"${cur##*=}"}
        COMPREPLY=("${COMPREPLY[@]#"$pre"}")
    fi
    if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
        __ltrim_colon_completions "$cur"
    fi
    # TC104= waits for its severity: no space after it
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -o default -o bashdefault -F _tunnelcast tunnelcast
