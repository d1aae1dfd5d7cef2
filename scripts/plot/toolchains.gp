# toolchains.gp - small multiples: one panel per key metric, one bar per
# toolchain of an implementation (its reference first: the run's baseline
# for the baseline's implementation, else its first toolchain in the
# config), a gap between implementations. Bars are relative to the
# reference (1.0), so a C library at 1.5 ns and a Go one at 60 ns share an
# axis; the label on each bar is the absolute median.
#
# tc<k>.dat: 1 x  2 ratio  3 ci_low  4 ci_high  5 colour  6 label  7 label y
# params.gp: TITLE, NP, PT[] panel titles, PYLO[]/PYHI[] each panel's log
# y range, PYT[] each panel's "set ytics (...)" command, NV, VN[], VC[]
# (legend, drawing order), XMIN, XMAX, xtics (one per implementation).
NC = (NP < 4 ? NP : 4)
NR = int((NP + NC - 1) / NC)
TOP = 0.83
W = 0.98 / NC
H = (TOP - 0.01) / NR
set multiplot title TITLE font ',17'
unset key
set xrange [XMIN:XMAX]
set logscale y
set xtics scale 0 font ',12'
set ytics font ',11'
set title font ',13' offset 0,-0.4
set lmargin 7
set rmargin 1
set tmargin 2
set bmargin 2
do for [k=1:NP] {
    set origin 0.01 + ((k - 1) % NC) * W, TOP - (int((k - 1) / NC) + 1) * H
    set size W, H
    set title PT[k]
    set yrange [PYLO[k]:PYHI[k]]
    eval PYT[k]
    if ((k - 1) % NC == 0) { set ylabel 'relative to the reference' font ',11' offset 1,0 } \
    else { unset ylabel }
    f = sprintf('tc%d.dat', k)
    plot 1 with lines dt (4,4) lw 1 lc rgb '#999999', \
         f using 1:2:($1 - 0.4):($1 + 0.4):(PYLO[k]):2:5 with boxxyerror \
            fs solid 1.0 noborder lc rgb variable, \
         f using 1:3:(0):($4 - $3) with vectors nohead lc rgb '#222222' lw 1.2, \
         f using 1:7:6 with labels rotate by 90 left offset 0,0.5 font ',10'
}
# The legend: one strip across the top, below the title.
unset logscale y
set origin 0, TOP
set size 1, 0.1
unset border
unset tics
unset title
unset grid
unset ylabel
set key at screen 0.5, screen TOP + 0.06 center center horizontal font ',12'
set xrange [0:1]
set yrange [0:1]
# keyentry alone trips an assertion in gnuplot 5.4; an invisible line
# (y = 2, outside [0:1]) keeps it company.
plot 2 with lines lc rgb '#ffffff' notitle, \
     for [i=1:NV] keyentry with boxes fs solid 1.0 fc rgb VC[i] title VN[i]
unset multiplot
