# SPDX-License-Identifier: GPL-2.0
# gnuplot -e "dir='RESULTS'" plot.gp: the figures of make bench from
# what scripts/bench/report.py wrote into RESULTS, for each netem
# setting with data (NETEM on or off):
#   timeline-NETEM.png: per mode and CoA method, each handover event in
#     ms after link-up, median with min-max bars.
#   latency.png: BU to the HA -> BU at the CN per mode and CoA method,
#     netem on and off side by side (box: quartiles, black bar: median,
#     whiskers: min-max), with the draft's 65 ms and the parallel
#     mode's 15 ms targets.

set terminal pngcairo size 1000,520 font ",10"
set grid xtics ytics
events = "CoA-usable movement-detected BU-to-HA BA-from-HA BU-at-CN BA-at-MN first-RO-packet"
have(f) = system("test -s '" . f . "' && echo 1 || echo 0") + 0

do for [netem in "on off"] {
	f = dir . "/timeline-" . netem . ".dat"
	if (have(f)) {
		set output dir . "/timeline-" . netem . ".png"
		set title "Handover timeline, netem " . netem . " (median, min-max)"
		set xlabel "ms after link-up"
		set yrange [-0.9:*]
		set xrange [0:*]
		set key outside right top
		# Each event a little lower than the one before, the first on
		# the row's label.
		plot f index 0 using 3:1:4:5:ytic(2) with xerrorbars pt 7 ps 1.2 \
				lw 1.5 title word(events, 1), \
			for [i = 1:6] f index i using 3:($1 - i * 0.1):4:5 \
				with xerrorbars pt 7 ps 1.2 lw 1.5 title word(events, i + 1)
	}
}

on = dir . "/latency-on.dat"
off = dir . "/latency-off.dat"
set output dir . "/latency.png"
set title "BU to the home agent -> BU at the correspondent (ms)"
set xlabel ""
set ylabel "ms"
stats on using 1 nooutput
xmax = STATS_max + 1
stats on using 7 nooutput
ymax = STATS_max
if (have(off)) {
	stats off using 7 nooutput
	ymax = STATS_max > ymax ? STATS_max : ymax
}
set xrange [-0.7:xmax]
set yrange [0:(ymax > 70 ? ymax : 70) * 1.1]
set boxwidth 0.4
set key outside right top
set arrow 1 from graph 0, first 65 to graph 1, first 65 nohead dt 2 lc rgb "red"
set label 1 "drafted target 65 ms" at graph 0.01, first 68 tc rgb "red"
set arrow 2 from graph 0, first 15 to graph 1, first 15 nohead dt 2 lc rgb "blue"
set label 2 "parallel target 15 ms" at graph 0.01, first 18 tc rgb "blue"
if (have(off)) {
	plot on using 1:4:3:7:6:xtic(2) with candlesticks whiskerbars lw 1.5 \
			title "netem on", \
		on using 1:5:5:5:5 with candlesticks lt -1 lw 2 notitle, \
		off using ($1 + 0.45):4:3:7:6 with candlesticks whiskerbars lw 1.5 \
			title "netem off", \
		off using ($1 + 0.45):5:5:5:5 with candlesticks lt -1 lw 2 notitle
} else {
	plot on using 1:4:3:7:6:xtic(2) with candlesticks whiskerbars lw 1.5 \
			title "netem on", \
		on using 1:5:5:5:5 with candlesticks lt -1 lw 2 notitle
}
