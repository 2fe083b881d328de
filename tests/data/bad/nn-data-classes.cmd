nn-data blobs:3 --n 2
