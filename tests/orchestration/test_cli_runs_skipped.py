"""The sensors leave alone the runs that `liudiao run` started, since it builds everything itself."""

import dagster as dg

from orchestration.analytics.sensors import analytics_after_transform
from orchestration.tags import CLI_TAGS


@dg.op
def noop() -> None:
    pass


@dg.job
def probe_job() -> None:
    noop()


def _analytics_request(instance: dg.DagsterInstance, tags: dict[str, str]):
    result = probe_job.execute_in_process(instance=instance, tags=tags)
    success = next(event for event in result.all_events
                   if event.event_type == dg.DagsterEventType.RUN_SUCCESS)
    context = dg.build_run_status_sensor_context(
        sensor_name="analytics_after_transform", dagster_event=success,
        dagster_instance=instance, dagster_run=result.dagster_run)
    return analytics_after_transform(context)


def test_analytics_sensor_skips_cli_run() -> None:
    with dg.instance_for_test() as instance:
        assert isinstance(_analytics_request(instance, CLI_TAGS), dg.SkipReason)


def test_analytics_sensor_requests_after_ui_run() -> None:
    with dg.instance_for_test() as instance:
        request = _analytics_request(instance, {})
        assert isinstance(request, dg.RunRequest)
