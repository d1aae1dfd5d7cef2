# common.gp - the look every dlbench chart shares: terminal, size, font,
# axes. Run first; `dlbench plot` passes NAME (the chart), FMT (png or
# svg) and OUT='-' with -e, then runs params.gp (the chart's data-dependent
# settings, written by harness/plot.c) and the chart's own script. OUT='-'
# sends the image to stdout: dlbench checks it is whole and writes the file
# itself (a full disk is then an error, never a truncated chart). Without
# OUT the image goes to NAME.FMT.
if (FMT eq 'svg') {
    set terminal svg size 1200,700 font 'DejaVu Sans,13' noenhanced background '#ffffff'
} else {
    set terminal pngcairo size 1200,700 font 'DejaVu Sans,13' noenhanced background '#ffffff'
}
if (exists('OUT') && OUT eq '-') {
    set output
} else {
    set output NAME.'.'.FMT
}
set encoding utf8
set datafile separator "\t"

set border 3 lc rgb '#555555' lw 1
set tics nomirror out scale 0.6 textcolor rgb '#222222'
set grid ytics lc rgb '#e0e0e0' lw 1 dt 1
set title font ',17' offset 0,0.3
set key font ',12' samplen 2 spacing 1.2 textcolor rgb '#222222' Left reverse width 1
set xlabel font ',13'
set ylabel font ',13' offset 0.5,0
set style fill solid 1.0 noborder
