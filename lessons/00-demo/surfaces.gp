# surfaces.gp -- the two loss surfaces of the demo, side by side.
# Called as: gnuplot -e "data='surface.tsv'; out='surfaces.png'" surfaces.gp
set terminal pngcairo size 1100,480 font ",10"
set output out
set datafile separator tab
set multiplot layout 1,2 title "Loss over logits (y1, y2), y3 = -1000, true class 1"
set xlabel "y1"
set ylabel "y2"
set view map
set size ratio -1
set xrange [-10:10]
set yrange [-10:10]
set palette rgbformulae 33,13,10
set title "cross-entropy: slope everywhere"
splot data using "x1":"x2":"xent" with image notitle
set title "softmax + MSE: flat where the loss is large"
splot data using "x1":"x2":"mse" with image notitle
unset multiplot
