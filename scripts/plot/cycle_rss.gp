# cycle_rss.gp - RSS growth over dlopen/dlclose cycles, one line per
# variant and mode in the variant's colour: fresh a solid line with filled
# circles, pinned a thinner long-dashed line with open squares - told apart
# by line, dash and marker even where lines lie on top of each other.
# The legend carries the fitted slope and whether the library was unloaded.
#
# rss.dat: one block per series (separated by two blank lines):
#   1 cycle index  2 RSS minus the series' first sample
# params.gp: TITLE, YLABEL, NS, ST[] titles, SC[] colours, and per series
# SW[] line width, SD[] dash type (1 solid, or a dash string), SPT[] point type, SPS[] point size; PI the
# point interval (a marker every PI samples).
# The title is centred on the canvas, not on the plot: the legend takes
# the right third.
set label 100 TITLE at screen 0.5, screen 0.955 center font ',17'
set tmargin 4
set xlabel 'dlopen/dlclose cycle'
set ylabel YLABEL
set key outside right top vertical Left reverse width -2 samplen 4
set xrange [0:*]
set autoscale yfix
set offsets 0, 0, graph 0.05, graph 0.05
set mxtics 2
set format y '%g'
plot for [i=1:NS] 'rss.dat' index (i-1) using 1:2 with linespoints \
    lw SW[i] dt SD[i] lc rgb SC[i] pt SPT[i] ps SPS[i] pointinterval PI title ST[i]
