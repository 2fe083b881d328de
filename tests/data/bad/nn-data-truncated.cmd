printf '\0\0\10\3\0\0\0\3\0\0\0\2\0\0\0\2abcdefgh' > t.idx && nn-data idx t.idx
