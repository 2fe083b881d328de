nn-data fashion-mnist test --dir no-such-dir
