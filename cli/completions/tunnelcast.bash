# bash completion for tunnelcast: the candidates come from `tunnelcast __complete`, which reads
# the command's option table, the lint rule catalogue and (for --fail and --device) the snapshot
# named on the line; where it offers nothing (a file or snapshot operand) bash completes file names.
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
    if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
        __ltrim_colon_completions "$cur"
    fi
}
complete -o default -o bashdefault -F _tunnelcast tunnelcast
