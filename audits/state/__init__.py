"""The region's state kept current at signing (issue 18 item 1): each agency's latest signed
audit and the region's figures at each month's end, so that the summary, the dashboard and
their trends read O(agencies) rows whatever the length of history."""
