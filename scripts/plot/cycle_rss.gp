# cycle_rss.gp - RSS growth over dlopen/dlclose cycles, one line per
# variant and mode: fresh solid, pinned dashed, in the variant's colour.
# The legend carries the fitted slope and whether the library was unloaded.
#
# rss.dat: one block per series (separated by two blank lines):
#   1 cycle index  2 RSS minus the series' first sample
# params.gp: TITLE, YLABEL, NS, ST[] titles, SC[] colours, SD[] dash types.
# The title is centred on the canvas, not on the plot: the legend takes
# the right third.
set label 100 TITLE at screen 0.5, screen 0.955 center font ',17'
set tmargin 4
set xlabel 'dlopen/dlclose cycle'
set ylabel YLABEL
set key outside right top vertical Left reverse width -2
set xrange [0:*]
set autoscale yfix
set offsets 0, 0, graph 0.05, graph 0.05
set mxtics 2
set format y '%g'
plot for [i=1:NS] 'rss.dat' index (i-1) using 1:2 with linespoints \
    lw 2.2 dt SD[i] lc rgb SC[i] pt 7 ps 0.45 pointinterval 1 title ST[i]
