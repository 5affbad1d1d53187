"""Official accounts' exports (X, Facebook, Instagram, CSV) read into posts: file I/O only, no judging."""
