-- Every request carries a distinct parameter, so the portal's page cache never answers and each
-- request runs the search query against the database.
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/search?q=%E9%97%A8%E8%AF%8A&n=" .. counter)
end
