/**
 * One image at a time, without DJL: decoding JPEG and PNG into RGB planes and torchvision-exact
 * transforms (RandomResizedCrop with flip, Resize then CenterCrop, Pillow's bilinear resize).
 */
package org.reste.tasks.data.image;
