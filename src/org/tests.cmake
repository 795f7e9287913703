# Unit and store tests of the org module (see ../platform/tests.cmake for the pattern).
