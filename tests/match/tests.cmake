lg_test(match DEPS lg_match)
