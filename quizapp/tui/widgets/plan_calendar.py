"""The plan's calendar as a chart: answers a day to the exam, new cards and the final pass's
cards among them, with the minutes they take in the title."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from quizapp.core.planning.plan import PlanReport


class PlanCalendar(PlotextPlot):
    """Bars of the answers planned each day from today to the eve of the exam."""

    def show(self, report: PlanReport) -> None:
        """Draw a report's calendar (nothing without one)."""
        from quizapp.tui.screens.stats import count_ticks

        days = report.calendar
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        busiest = max((day.answers for day in days), default=0)
        minutes = report.minutes_for(busiest)
        plt.title(f"Answers a day to the exam (busiest: {busiest}, {minutes:.0f} min)")
        if days:
            x = list(range(len(days)))
            new = [day.new for day in days]
            final = [day.final for day in days]
            other = [max(0, d.answers - n - f) for d, n, f in zip(days, new, final, strict=True)]
            # plotext's own argument is `labels`; textual-plotext's stub calls it `label`.
            plt.stacked_bar(  # type: ignore[call-arg]
                x, [other, new, final], labels=["reviews", "new", "final pass"], width=0.7
            )
            ticks = count_ticks(busiest)
            plt.ylim(0, ticks[-1])
            plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])
            plt.xlim(-0.5, len(days) - 0.5)
            step = max(1, len(days) // 5)
            marks = list(range(0, len(days), step))
            plt.xticks([float(i) for i in marks], [f"{days[i].day:%d %b}" for i in marks])
        self.refresh()
