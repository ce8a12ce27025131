"""Token bucket of the per-connection rate limit."""

from realtime.limits import TokenBucket


def test_bucket_allows_burst_then_refuses():
    bucket = TokenBucket(rate_per_second=0.001, burst=3)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]


def test_bucket_refills_with_time():
    bucket = TokenBucket(rate_per_second=1000.0, burst=1)
    assert bucket.take()
    bucket.updated_at -= 0.01
    assert bucket.take()
