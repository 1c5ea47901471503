-- tile change poll: drops change log rows every process has long read. $1 integer: seconds to keep.
delete from tile_change where at < now() - make_interval(secs => $1);
