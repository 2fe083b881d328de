printf '\0\0\10\1\0\0\0\3\1\2\3' | gzip > l.gz && head -c $(($(wc -c < l.gz) - 8)) l.gz > cut.gz && nn-data idx cut.gz
