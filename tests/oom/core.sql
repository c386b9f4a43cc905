select muling_debug();
