printf '\0\0\10\2\0\0\0\2\0\0\0\1ab' > i.idx && printf '\0\0\10\1\0\0\0\3\1\2\3' > l.idx && nn-data idx i.idx l.idx
