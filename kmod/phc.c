// SPDX-License-Identifier: GPL-2.0
/*
 * PTP hardware clocks (PHCs): how ptpk.ko finds them, reads what they can do
 * and reaches them to read and adjust their time.
 *
 * The kernel exports no function that adjusts a PHC by index, and struct
 * ptp_clock (drivers/ptp/ptp_private.h) is private. Everything below uses
 * only public headers and exported symbols:
 *
 * Finding the ptp class. Every PHC is a struct device of the class named
 * "ptp" (/sys/class/ptp; class names are unique), with devt MKDEV(major, N)
 * and name "ptpN". The class itself is not exported. ptpk_phc_find_class()
 * walks devices_kset, the kset every registered struct device belongs to,
 * which we reach through a root device we register ourselves; a kobject is
 * known to be a struct device when its ktype is that of our root device. The
 * first device of class "ptp" gives the class pointer. This works whatever
 * the caller's mount namespace, /dev or permissions, and is retried until a
 * first PHC exists. The class outlives us: ptp is built in, or ptp.ko is
 * pinned by our use of its ptp_get_vclocks_index().
 *
 * Tracking PHCs. With the class known we register a class_interface, the
 * driver core's interface for following the devices of a class: add_dev
 * runs for every existing and future PHC, remove_dev synchronously from
 * device_del() when a driver calls ptp_clock_unregister(), before the PHC's
 * posix clock turns zombie and before the driver may free its
 * ptp_clock_info. We keep a device reference per PHC in an xarray indexed
 * by PHC index, under ptpk_phc_lock (an rwsem; remove_dev takes it for
 * writing). Enumeration is a walk of that xarray.
 *
 * Capabilities. max_adj, n_pins, n_ext_ts, n_per_out, pps and the clock
 * name are public as sysfs attributes of the class device (max_adjustment,
 * n_programmable_pins, n_external_timestamps, n_periodic_outputs,
 * pps_available, clock_name). We call the device_attribute's show() found
 * through dev->class->dev_groups (or dev->groups) into a page buffer, as
 * sysfs would, while holding ptpk_phc_lock for reading: remove_dev cannot
 * run meanwhile, so the driver's ptp_clock_info that show() reads is alive.
 *
 * Reaching the clock. As the clock_adjtime() syscall does for a dynamic
 * posix clock: open the character device (/dev/ptpN, or the path user space
 * named) with the caller's credentials, then prove it is the PHC's own
 * character device before using it: S_ISCHR, i_cdev set, i_rdev equal to
 * the tracked PHC's devt, the cdev's parent kobject being that PHC's struct
 * device (cdev_device_add() sets it so), f_op being the cdev's ops (the
 * open went through chrdev_open()), and finally the posix clock's dev
 * pointing back at the device. Only then is
 * container_of(i_cdev, struct posix_clock, cdev) trusted. A call takes
 * down_read(&clk->rwsem), checks !clk->zombie and calls clk->ops, exactly
 * like kernel/time/posix-clock.c. The open struct file keeps the cdev, and
 * through it the device and the posix clock, alive; file->private_data is
 * not used (its type changed in 6.7, and Debian backported that to 6.1).
 *
 * Locking: ptpk_phc_lock is never held while taking rtnl_lock or opening
 * files, and remove_dev runs under the ptp class mutex, which we never take.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/gfp.h>
#include <linux/kdev_t.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/posix-clock.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "compat.h"
#include "phc.h"

#define PTPK_PTP_CLASS	"ptp"

static struct device *ptpk_root;
static DEFINE_MUTEX(ptpk_phc_discover_lock);
static bool ptpk_phc_ready;		/* class interface registered */
static DECLARE_RWSEM(ptpk_phc_lock);
static DEFINE_XARRAY(ptpk_phcs);	/* PHC index -> struct device */

static int ptpk_phc_add_dev(PTPK_CLASS_INTF_ARGS);
static void ptpk_phc_remove_dev(PTPK_CLASS_INTF_ARGS);

static struct class_interface ptpk_phc_intf = {
	.add_dev = ptpk_phc_add_dev,
	.remove_dev = ptpk_phc_remove_dev,
};

/* The index N of a PHC device "ptpN" with a character device. */
static int ptpk_phc_dev_index(struct device *dev, u32 *index)
{
	const char *name = dev_name(dev);

	if (!MAJOR(dev->devt) || strncmp(name, PTPK_PTP_CLASS, 3))
		return -EINVAL;
	return kstrtou32(name + 3, 10, index);
}

static int ptpk_phc_add_dev(PTPK_CLASS_INTF_ARGS)
{
	u32 index;
	int err;

	if (ptpk_phc_dev_index(dev, &index))
		return 0;

	get_device(dev);
	down_write(&ptpk_phc_lock);
	err = xa_insert(&ptpk_phcs, index, dev, GFP_KERNEL);
	up_write(&ptpk_phc_lock);
	if (err) {
		put_device(dev);
		pr_warn("cannot track %s: %d\n", dev_name(dev), err);
	}
	return 0;
}

static void ptpk_phc_remove_dev(PTPK_CLASS_INTF_ARGS)
{
	struct device *old;
	u32 index;

	if (ptpk_phc_dev_index(dev, &index))
		return;

	down_write(&ptpk_phc_lock);
	old = xa_cmpxchg(&ptpk_phcs, index, dev, NULL, GFP_KERNEL);
	up_write(&ptpk_phc_lock);
	if (old == dev)
		put_device(dev);
}

/* The ptp class, from the first class "ptp" device in devices_kset. */
static typeof_member(struct device, class) ptpk_phc_find_class(void)
{
	typeof_member(struct device, class) cls = NULL;
	struct kset *kset = ptpk_root->kobj.kset;
	struct kobject *kobj;
	struct device *dev;

	spin_lock(&kset->list_lock);
	list_for_each_entry(kobj, &kset->list, entry) {
		if (kobj->ktype != ptpk_root->kobj.ktype)
			continue;
		dev = kobj_to_dev(kobj);
		if (dev->class && dev->class->name &&
		    !strcmp(dev->class->name, PTPK_PTP_CLASS)) {
			cls = dev->class;
			break;
		}
	}
	spin_unlock(&kset->list_lock);
	return cls;
}

/* Start tracking PHCs once the first one exists. */
static int ptpk_phc_ensure(void)
{
	int err = 0;

	/* Pairs with the release below: the interface is registered. */
	if (smp_load_acquire(&ptpk_phc_ready))
		return 0;

	mutex_lock(&ptpk_phc_discover_lock);
	if (!ptpk_phc_ready) {
		ptpk_phc_intf.class = ptpk_phc_find_class();
		if (!ptpk_phc_intf.class)
			err = -ENODEV;
		else
			err = class_interface_register(&ptpk_phc_intf);
		if (!err) {
			/* Publish a registered interface; see the acquire. */
			smp_store_release(&ptpk_phc_ready, true);
		}
	}
	mutex_unlock(&ptpk_phc_discover_lock);
	return err;
}

/* Call the show() of a sysfs attribute of the class device into buf. */
static int ptpk_phc_attr(struct device *dev, const char *name, char *buf)
{
	const struct attribute_group *const *lists[] = {
		dev->class->dev_groups, dev->groups,
	};
	const struct attribute_group *const *grp;
	struct device_attribute *da;
	struct attribute *const *attr;
	ssize_t len;
	int i;

	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		for (grp = lists[i]; grp && *grp; grp++) {
			for (attr = (*grp)->attrs; attr && *attr; attr++) {
				if (strcmp((*attr)->name, name))
					continue;
				da = container_of(*attr, struct device_attribute,
						  attr);
				if (!da->show)
					return -EIO;
				len = da->show(dev, da, buf);
				if (len < 0)
					return len;
				if (len >= PAGE_SIZE)
					return -EIO;
				buf[len] = '\0';
				return 0;
			}
		}
	}
	return -ENODATA;
}

static int ptpk_phc_attr_u32(struct device *dev, const char *name, u32 *val,
			     char *buf)
{
	int err, v;

	err = ptpk_phc_attr(dev, name, buf);
	if (err)
		return err;
	err = kstrtoint(buf, 10, &v);
	if (err)
		return err;
	*val = v < 0 ? 0 : v;
	return 0;
}

/* Read the capabilities of a tracked PHC; ptpk_phc_lock held. */
static int ptpk_phc_read_caps(struct device *dev, u32 index,
			      struct ptpk_phc_caps *caps, char *buf)
{
	int err;

	memset(caps, 0, sizeof(*caps));
	caps->index = index;
	caps->devt = dev->devt;

	err = ptpk_phc_attr(dev, "clock_name", buf);
	if (err)
		return err;
	strscpy(caps->name, strim(buf), sizeof(caps->name));

	err = ptpk_phc_attr_u32(dev, "max_adjustment", &caps->max_adj, buf);
	if (!err)
		err = ptpk_phc_attr_u32(dev, "n_programmable_pins",
					&caps->n_pins, buf);
	if (!err)
		err = ptpk_phc_attr_u32(dev, "n_external_timestamps",
					&caps->n_ext_ts, buf);
	if (!err)
		err = ptpk_phc_attr_u32(dev, "n_periodic_outputs",
					&caps->n_per_out, buf);
	if (!err)
		err = ptpk_phc_attr_u32(dev, "pps_available", &caps->pps, buf);
	return err;
}

/**
 * ptpk_phc_caps_next() - capabilities of the first PHC with index >= *index
 * @index: where to start; set to the PHC found
 * @caps: filled in
 *
 * Return: 0, -ENOENT when there is no further PHC, or another error.
 */
int ptpk_phc_caps_next(u32 *index, struct ptpk_phc_caps *caps)
{
	unsigned long i = *index;
	struct device *dev;
	char *buf;
	int err;

	/* Without the ptp class there is no PHC to list. */
	if (ptpk_phc_ensure())
		return -ENOENT;

	buf = (char *)__get_free_page(GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	down_read(&ptpk_phc_lock);
	dev = xa_find(&ptpk_phcs, &i, U32_MAX, XA_PRESENT);
	if (dev) {
		*index = i;
		err = ptpk_phc_read_caps(dev, i, caps, buf);
	} else {
		err = -ENOENT;
	}
	up_read(&ptpk_phc_lock);

	free_page((unsigned long)buf);
	return err;
}

/**
 * ptpk_phc_caps() - capabilities of PHC @index
 * @index: the PHC index, N of /dev/ptpN
 * @caps: filled in
 *
 * Return: 0, -ENODEV if there is no such PHC, or another error.
 */
int ptpk_phc_caps(u32 index, struct ptpk_phc_caps *caps)
{
	u32 i = index;
	int err;

	err = ptpk_phc_caps_next(&i, caps);
	if (err == -ENOENT || (!err && i != index))
		return -ENODEV;
	return err;
}

/**
 * ptpk_phc_index_by_devt() - the index of the PHC with device number @devt
 * @devt: a character device number
 * @index: set to the PHC's index
 *
 * Return: 0 or -ENODEV.
 */
int ptpk_phc_index_by_devt(dev_t devt, u32 *index)
{
	struct device *dev;
	unsigned long i;
	int err = -ENODEV;

	if (ptpk_phc_ensure())
		return -ENODEV;

	down_read(&ptpk_phc_lock);
	xa_for_each(&ptpk_phcs, i, dev) {
		if (dev->devt == devt) {
			*index = i;
			err = 0;
			break;
		}
	}
	up_read(&ptpk_phc_lock);
	return err;
}

/**
 * ptpk_phc_path_devt() - the device number of the character device at @path
 * @path: a path in the caller's mount namespace, e.g. /dev/ptp0
 * @devt: set to the device number
 *
 * Return: 0, -ENOTTY if @path is not a character device, or a lookup error.
 */
int ptpk_phc_path_devt(const char *path, dev_t *devt)
{
	struct inode *inode;
	struct path p;
	int err;

	err = kern_path(path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	inode = d_backing_inode(p.dentry);
	if (inode && S_ISCHR(inode->i_mode))
		*devt = inode->i_rdev;
	else
		err = -ENOTTY;
	path_put(&p);
	return err;
}

/*
 * Is @f the character device of the tracked PHC @index? ptpk_phc_lock is
 * held, so the device cannot go away meanwhile.
 */
static bool ptpk_phc_file_is(struct file *f, u32 index)
{
	struct inode *inode = file_inode(f);
	struct posix_clock *clk;
	struct device *dev;

	dev = xa_load(&ptpk_phcs, index);
	if (!dev || !S_ISCHR(inode->i_mode) || !inode->i_cdev)
		return false;
	if (inode->i_rdev != dev->devt ||
	    inode->i_cdev->kobj.parent != &dev->kobj ||
	    f->f_op != inode->i_cdev->ops)
		return false;
	clk = container_of(inode->i_cdev, struct posix_clock, cdev);
	return clk->dev == dev;
}

/**
 * ptpk_phc_open() - open a PHC's character device for adjusting it
 * @path: the device path user space named, or NULL for /dev/ptp<*index>
 * @index: the PHC to open (@path NULL), or set to the one @path is
 * @filep: set to the open file, which the caller fput()s
 * @extack: for error messages
 *
 * Opens read-write with the caller's credentials, as ptp4l would, and
 * proves that the file is the PHC's own character device (see the top of
 * this file).
 *
 * Return: 0 or an error.
 */
int ptpk_phc_open(const char *path, u32 *index, struct file **filep,
		  struct netlink_ext_ack *extack)
{
	char devpath[PTPK_NAME_LEN];
	int *vclocks = NULL;
	dev_t devt;
	struct file *f;
	bool ok;
	int n;

	if (ptpk_phc_ensure()) {
		NL_SET_ERR_MSG(extack, "no such PHC");
		return -ENODEV;
	}

	if (path) {
		/* Look before opening: opening some devices has effects. */
		if (ptpk_phc_path_devt(path, &devt) ||
		    ptpk_phc_index_by_devt(devt, index)) {
			NL_SET_ERR_MSG(extack, "not a PHC device");
			return -ENODEV;
		}
	} else {
		snprintf(devpath, sizeof(devpath), "/dev/ptp%u", *index);
		path = devpath;
	}
	f = filp_open(path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
	if (IS_ERR(f)) {
		NL_SET_ERR_MSG(extack, "cannot open the PHC's device");
		return PTR_ERR(f);
	}

	down_read(&ptpk_phc_lock);
	ok = ptpk_phc_file_is(f, *index);
	up_read(&ptpk_phc_lock);
	if (!ok) {
		NL_SET_ERR_MSG(extack, "the device file is not that PHC's");
		fput(f);
		return -ENODEV;
	}

	/* ptp_clock_adjtime() refuses while virtual clocks use the PHC. */
	n = ptp_get_vclocks_index(*index, &vclocks);
	kfree(vclocks);
	if (n > 0) {
		NL_SET_ERR_MSG(extack, "the PHC has virtual clocks");
		fput(f);
		return -EBUSY;
	}

	*filep = f;
	return 0;
}

/* The posix clock of a file that ptpk_phc_open() verified. */
static struct posix_clock *ptpk_phc_clock(struct file *f)
{
	return container_of(file_inode(f)->i_cdev, struct posix_clock, cdev);
}

/**
 * ptpk_phc_gettime() - read a PHC
 * @f: a file from ptpk_phc_open()
 * @ts: set to the PHC's time
 *
 * Return: 0, -ENODEV if the PHC went away, or the driver's error.
 */
int ptpk_phc_gettime(struct file *f, struct timespec64 *ts)
{
	struct posix_clock *clk = ptpk_phc_clock(f);
	int err = -EOPNOTSUPP;

	down_read(&clk->rwsem);
	if (clk->zombie)
		err = -ENODEV;
	else if (clk->ops.clock_gettime)
		err = clk->ops.clock_gettime(clk, ts);
	up_read(&clk->rwsem);
	return err;
}

/**
 * ptpk_phc_settime() - set a PHC
 * @f: a file from ptpk_phc_open()
 * @ts: the new time
 *
 * Return: 0, -ENODEV if the PHC went away, or the driver's error.
 */
int ptpk_phc_settime(struct file *f, const struct timespec64 *ts)
{
	struct posix_clock *clk = ptpk_phc_clock(f);
	int err = -EOPNOTSUPP;

	down_read(&clk->rwsem);
	if (clk->zombie)
		err = -ENODEV;
	else if (clk->ops.clock_settime)
		err = clk->ops.clock_settime(clk, ts);
	up_read(&clk->rwsem);
	return err;
}

/**
 * ptpk_phc_adjtime() - adjust a PHC, as clock_adjtime() on its descriptor
 * @f: a file from ptpk_phc_open()
 * @tx: the adjustment (ADJ_FREQUENCY, ADJ_SETOFFSET | ADJ_NANO, ...)
 *
 * Return: 0, -ENODEV if the PHC went away, -EBUSY while it has virtual
 * clocks, -ERANGE beyond its max_adj, or the driver's error.
 */
int ptpk_phc_adjtime(struct file *f, struct __kernel_timex *tx)
{
	struct posix_clock *clk = ptpk_phc_clock(f);
	int err = -EOPNOTSUPP;

	down_read(&clk->rwsem);
	if (clk->zombie)
		err = -ENODEV;
	else if (clk->ops.clock_adjtime)
		err = clk->ops.clock_adjtime(clk, tx);
	up_read(&clk->rwsem);
	return err;
}

/**
 * ptpk_phc_init() - register our root device and look for the ptp class
 *
 * Return: 0 or an error; having no PHC yet is not an error.
 */
int ptpk_phc_init(void)
{
	ptpk_root = root_device_register("ptpk");
	if (IS_ERR(ptpk_root))
		return PTR_ERR(ptpk_root);
	ptpk_phc_ensure();
	return 0;
}

/**
 * ptpk_phc_exit() - stop tracking PHCs, drop every reference
 */
void ptpk_phc_exit(void)
{
	if (ptpk_phc_ready)
		class_interface_unregister(&ptpk_phc_intf);
	WARN_ON(!xa_empty(&ptpk_phcs));
	xa_destroy(&ptpk_phcs);
	root_device_unregister(ptpk_root);
}
