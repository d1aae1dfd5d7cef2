# bars.gp - grouped bar chart (call_latency, load, cycle_cost, size,
# process): one group per workload or metric on x, one bar per variant in
# the variant's colour, hatched + lighter for the second thread kind,
# error bars = 95 % CI of the median (drawn as vectors: gnuplot 5.4's
# yerrorbars clear a white disc around the point), value labels above.
#
# bars.dat (tab-separated), one row per bar:
#   1 x  2 y  3 ci_low  4 ci_high  5 x_left  6 x_right  7 y_bottom
#   8 colour  9 tint  10 kind (0 solid, 1 hatched, 2 no data)  11 label
#   12 y of the label (top of the bar or of its error bar)
# params.gp: TITLE, YLABEL, XLABEL, LOGY, LABELS, LABEL_ROTATE, SOLID, HATCH, HAS_NA, HAS_HLINE,
# HLINE, HLINE_LABEL, NV, VN[], VC[], axis ranges and tics.
set title TITLE
set ylabel YLABEL
set xlabel XLABEL
set xtics scale 0 font ',13'
set key outside bottom center horizontal samplen 3 height 1
if (HAS_HLINE) {
    set rmargin 17
    set arrow 1 from graph 0, first HLINE to graph 1, first HLINE nohead front \
        dt (6,4) lw 2 lc rgb '#333333'
    set label 1 'harness floor' at graph 1, first HLINE offset 0.8,0 left front \
        textcolor rgb '#333333' font ',11'
}

# Rotated labels (value labels of dense charts, "n/a" for missing bars)
# are added only when there is something to label: gnuplot 5.4 dies with
# SIGSEGV on a rotated `with labels` element whose points are all NaN when
# bars.dat has a single row (one variant in one group).
ROTATED = (LABELS && LABEL_ROTATE) ? \
    ", 'bars.dat' using 1:($10<2 ? $12 : NaN):11 with labels rotate by 90 left offset 0,0.6 font ',11' textcolor rgb '#222222' notitle" : ""
NOTAVAIL = HAS_NA ? \
    ", 'bars.dat' using 1:($10==2 ? $7 : NaN):(\"n/a\") with labels rotate by 90 left offset 0,0.4 font ',10' textcolor rgb '#777777' notitle" : ""

plot \
  'bars.dat' using 1:($10==0 ? $2 : NaN):5:6:7:2:8 with boxxyerror \
      fs solid 1.0 noborder lc rgb variable notitle, \
  'bars.dat' using 1:($10==1 ? $2 : NaN):5:6:7:2:9 with boxxyerror \
      fs solid 1.0 noborder lc rgb variable notitle, \
  'bars.dat' using 1:($10==1 ? $2 : NaN):5:6:7:2:8 with boxxyerror \
      fs transparent pattern 4 noborder lc rgb variable notitle, \
  'bars.dat' using 1:($10==1 ? $2 : NaN):5:6:7:2:8 with boxxyerror \
      fs empty border lc rgb variable lw 1.5 lc rgb variable notitle, \
  'bars.dat' using 1:($10<2 ? $3 : NaN):(0):($4-$3) with vectors nohead \
      lc rgb '#222222' lw 1.3 notitle, \
  'bars.dat' using ($1-($6-$5)/4):($10<2 ? $3 : NaN):(($6-$5)/2):(0) with vectors nohead \
      lc rgb '#222222' lw 1.3 notitle, \
  'bars.dat' using ($1-($6-$5)/4):($10<2 ? $4 : NaN):(($6-$5)/2):(0) with vectors nohead \
      lc rgb '#222222' lw 1.3 notitle, \
  'bars.dat' using 1:(LABELS && !LABEL_ROTATE && $10<2 ? $12 : NaN):11 with labels \
      offset 0,0.75 font ',11' textcolor rgb '#222222' notitle @ROTATED @NOTAVAIL, \
  for [i=1:NV] keyentry with boxes fs solid 1.0 fc rgb VC[i] title VN[i], \
  keyentry with boxes fs solid 1.0 fc rgb '#888888' title SOLID, \
  keyentry with boxes fs pattern 4 border lc rgb '#888888' fc rgb '#888888' title HATCH, \
  keyentry with lines dt (6,4) lw 2 lc rgb '#333333' title HLINE_LABEL
