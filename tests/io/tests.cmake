# Output files: atomic writes, private modes, deferred flushing of a staging folder.
lg_test(io DEPS lg_io)
