yw_test(platform_test
  SRCS base/time_test.cc base/text_test.cc http/url_test.cc http/multipart_test.cc
       http/router_test.cc calendar/working_calendar_test.cc
  DEPS yw_platform_http yw_platform_calendar)
